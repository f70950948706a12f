import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
import sys
texts=load_texts()
a=float(sys.argv[1]); Ct=float(sys.argv[2])
# GLOBAL_IDF=1: the vocabulary and IDF from all the texts at once (no labels; minutes, not half an hour)
vec=tfidf
ALL=vec().fit(texts) if os.environ.get('GLOBAL_IDF') else None
class Combo:
    def __init__(s,c): s.c=c
    def fit(s,X,y,sample_weight=None):
        idx=X[:,0].astype(int); F=X[:,1:]
        s.lr=LogisticRegression(C=s.c,class_weight='balanced',max_iter=2000).fit(F,y,sample_weight=sample_weight)
        if a<1:
            s.v=ALL if ALL is not None else vec().fit([texts[i] for i in idx])
            T=s.v.transform([texts[i] for i in idx])
            s.t=LogisticRegression(C=Ct,class_weight='balanced',max_iter=2000).fit(T,y,sample_weight=sample_weight)
        return s
    def predict_proba(s,X):
        idx=X[:,0].astype(int); p=s.lr.predict_proba(X[:,1:])[:,1]
        if a<1: p=a*p+(1-a)*s.t.predict_proba(s.v.transform([texts[i] for i in idx]))[:,1]
        return np.stack([1-p,p],1)
feats=lambda t: np.hstack([np.arange(N)[:,None],data[t][3]])
print(a,Ct, evaluate(lambda c: Combo(c),[.3,1,3,10],feats,verbose=False),flush=True)
