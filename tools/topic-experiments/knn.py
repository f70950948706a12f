# The project's features' logistic regression mixed with a nearest-neighbour vote over the words
# (TF-IDF cosine to the training articles): the labels of the k most similar training articles,
# weighted by similarity and by the examples' weights. Case-based evidence: a new article that reads
# like a labelled hard negative (the same kind of story) is pulled towards it.
# The vocabulary and IDF come from all the texts at once (no labels), as text.py's GLOBAL_IDF=1.
#   HARD_COST=2 tools/topic-experiments/run.sh knn.py A K   (A: weight of the features' model)
import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
import sys
texts=load_texts()
a=float(sys.argv[1]); K=int(sys.argv[2])
T=tfidf().fit_transform(texts)
class Combo:
    def __init__(s,c): s.c=c
    def fit(s,X,y,sample_weight=None):
        s.idx=X[:,0].astype(int); s.y=y.astype(float); s.w=sample_weight
        s.lr=LogisticRegression(C=s.c,class_weight='balanced',max_iter=2000).fit(X[:,1:],y,sample_weight=sample_weight)
        pos=s.y.sum(); s.cw=np.where(s.y>0,len(y)/(2*pos),len(y)/(2*(len(y)-pos)))*s.w
        return s
    def predict_proba(s,X):
        idx=X[:,0].astype(int); p=s.lr.predict_proba(X[:,1:])[:,1]
        if a<1:
            S=(T[idx]@T[s.idx].T).toarray()
            top=np.argsort(-S,1)[:,:K]
            q=np.empty(len(idx))
            for i in range(len(idx)):
                j=top[i]; w=S[i,j]*s.cw[j]
                q[i]=(w*s.y[j]).sum()/max(w.sum(),1e-9)
            p=a*p+(1-a)*q
        return np.stack([1-p,p],1)
feats=lambda t: np.hstack([np.arange(N)[:,None],data[t][3]])
print(a,K, evaluate(lambda c: Combo(c),[.3,1,3,10],feats,verbose=False),flush=True)
