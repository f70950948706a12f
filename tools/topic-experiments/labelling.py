import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
import sys
start=float(sys.argv[1]); add=int(sys.argv[2])
mk=lambda c: LogisticRegression(C=c,class_weight='balanced',max_iter=2000)
C=[.3,1,3,10]
def margin(m,th,X):
    p=np.clip(m.predict_proba(X)[:,1],1e-9,1-1e-9); return np.abs(np.log(p/(1-p))-np.log(th/(1-th)))
res={'start':[],'suggest':[],'random':[]}
for p in range(5):
  for strat in res:
    taken=np.zeros(N,bool); f1={}
    preds={t:np.zeros(N,bool) for t in TOP}
    for f in range(5):
        rng=np.random.RandomState(100*p+f)
        poolidx=np.where((folds[p]!=f)&dev)[0]; bg=np.where(~dev)[0]
        gs=np.unique(group[poolidx]); rng.shuffle(gs); keep=set(gs[:int(len(gs)*start)])
        lab=np.array([i for i in poolidx if group[i] in keep]); rest=np.array([i for i in poolidx if group[i] not in keep])
        if strat=='suggest':
            chosen=[]
            for t in TOP:
                X=data[t][3]; m,th=run(mk,t,X,np.concatenate([lab,bg]),C)
                cand=[i for i in rest if data[t][2][i] and i not in chosen]
                mg=margin(m,th,X[cand]); order=np.argsort(mg,kind='stable'); seen=set()
                for o in order:
                    i=cand[o]
                    if group[i] in seen: continue
                    seen.add(group[i]); chosen.append(i)
                    if len(seen)>=add//2: break
            lab=np.concatenate([lab,np.array(chosen,int)])
        elif strat=='random':
            rg=np.unique(group[rest]); rng.shuffle(rg); ch=[]
            for g in rg:
                ch+= [i for i in rest if group[i]==g][:1]
                if len(ch)>=add: break
            lab=np.concatenate([lab,np.array(ch,int)])
        train=np.concatenate([lab,bg]); test=np.where(folds[p]==f)[0]
        for t in TOP:
            X=data[t][3]; m,th=run(mk,t,X,train,C)
            preds[t][test]=data[t][2][test]&(m.predict_proba(X[test])[:,1]>=th)
    for t in TOP:
        y=Y[t]; pr=preds[t]; tp=(pr&y&dev).sum(); fp=(pr&~y&dev).sum(); fn=(~pr&y&dev).sum(); f1[t]=2*tp/(2*tp+fp+fn); taken|=pr&hard
    res[strat].append((f1[TOP[0]],f1[TOP[1]],np.mean(list(f1.values())),taken.sum()))
  print(p,{k:np.round(v[-1],3) for k,v in res.items()},flush=True)
for k,v in res.items(): print(k,np.round(np.array(v).mean(0),3))
