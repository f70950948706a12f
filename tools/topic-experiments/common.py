import os
import sys, numpy as np, csv, warnings
warnings.filterwarnings("ignore")
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, ExtraTreesClassifier
D=os.environ.get('FEATURES', '/tmp/topic-features/')
ex=list(csv.DictReader(open(D+'examples.tsv'),delimiter='\t'))
N=len(ex)
folds=np.array([[int(e['f%d'%p]) for e in ex] for p in range(5)])
group=np.array([int(e['group']) for e in ex])
dev=np.array([e['pool']=='DEV' for e in ex])
bord=np.array([e['borderline']=='true' for e in ex]); hard=np.array([e['hard']=='true' for e in ex])
def load(t):
    rows=open(D+t+'.tsv').read().split('\n')
    names=rows[0].split('\t')[1:]; signs=np.array([int(s) for s in rows[1].split('\t')[1:]])
    M=np.array([[float(v) for v in r.split('\t')] for r in rows[2:] if r])
    return names,signs,M[:,0]>0,M[:,1:]
TOP=['airspace-deal','joint-strikes']
data={t:load(t) for t in TOP}
Y={t:np.array([t in e['topics'].split(',') for e in ex]) for t in TOP}
W=np.where(bord,1,2)*np.where(hard,3,1)
# HARD_COST=2: a hard negative above the cut counts as two false positives, as the project's
# threshold does (default 1: the replica's figures in docs/news-topics-tried.md)
HC=float(os.environ.get('HARD_COST','1'))
def bestcut(p,y,h):
    o=np.argsort(-p); ps=p[o]; ys=y[o]; hs=h[o]; P=ys.sum(); best=-1; th=.5; tp=0; hn=0
    for k in range(len(ps)):
        tp+=ys[k]; hn+=hs[k] and not ys[k]
        if k+1<len(ps) and ps[k+1]==ps[k]: continue
        f=2*tp/(k+1+P+(HC-1)*hn)
        if f>best and ps[k]>0: best=f; th=(ps[k]+(ps[k+1] if k+1<len(ps) else 0))/2
    return min(.95,max(.05,th)),best
def innerfolds(idx,k,rep):
    rng=np.random.RandomState(rep); gs=np.unique(group[idx]); rng.shuffle(gs)
    m={g:i%k for i,g in enumerate(gs)}; return np.array([m[group[i]] for i in idx])
def run(make, t, X, train, cands):
    y=Y[t]; req=data[t][2]
    tr_dev=train[dev[train]]; tr_bg=train[~dev[train]]
    best=(None,.5,-1)
    for c in cands:
        P=[];L=[];H=[]
        for rep in range(3):
            fi=innerfolds(tr_dev,4,rep)
            for f in range(4):
                itr=np.concatenate([tr_dev[fi!=f],tr_bg]); ite=tr_dev[fi==f]
                m=make(c); m.fit(X[itr],y[itr],sample_weight=W[itr])
                P.append(np.where(req[ite],m.predict_proba(X[ite])[:,1],0)); L.append(y[ite]); H.append(hard[ite])
        th,f1=bestcut(np.concatenate(P),np.concatenate(L),np.concatenate(H))
        if f1>best[2]: best=(c,th,f1)
    m=make(best[0]); m.fit(X[train],y[train],sample_weight=W[train])
    return m,best[1]
# fold_feats(t, train, test): features that depend on the training part (learnt from it), instead
# of feats(t)
def evaluate(make, cands, feats, parts=range(5), verbose=False, fold_feats=None):
    res=[]
    for p in parts:
        taken=np.zeros(N,bool); f1s={}
        for t in TOP:
            X=feats(t); y=Y[t]; req=data[t][2]; pred=np.zeros(N,bool)
            for f in range(5):
                train=np.where(folds[p]!=f)[0]; test=np.where(folds[p]==f)[0]
                if fold_feats is not None: X=fold_feats(t,train,test)
                m,th=run(make,t,X,train,cands)
                pr=m.predict_proba(X[test])[:,1]
                pred[test]=req[test]&(pr>=th)
            d=dev; tp=(pred&y&d).sum(); fp=(pred&~y&d).sum(); fn=(~pred&y&d).sum()
            f1s[t]=2*tp/(2*tp+fp+fn); taken|=pred&hard
        res.append((f1s['airspace-deal'],f1s['joint-strikes'],np.mean(list(f1s.values())),taken.sum()))
        if verbose: print(p,res[-1],flush=True)
    r=np.array(res); return r.mean(0)
# The words of the examples (text.tsv: headline || body), and the replica's TF-IDF of them
def load_texts():
    return [l.split('\t',1)[1] for l in open(D+'text.tsv').read().split('\n') if l]
def tfidf():
    from sklearn.feature_extraction.text import TfidfVectorizer
    return TfidfVectorizer(sublinear_tf=True,ngram_range=(1,2),min_df=2,stop_words='english')
